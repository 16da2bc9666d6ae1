using Keel.Emulation;

namespace Keel.Firmware.Tests;

// The ARM binutils the image tests read built images with (objdump, readelf): run one
// on an image of the tree and return what it printed.
internal static class Binutils
{
    private const string Install = "sudo apt-get install -y binutils-arm-none-eabi";

    public static string Run(string tool, string projectFolder, string image, params string[] options)
    {
        string elf = Repository.Image(projectFolder, image);
        Assert.True(File.Exists(elf), $"{elf} is not built");
        string executable = HostTools.Require(tool, Install);
        EmulatorRun run = HostProcess.RunAsync(executable, [.. options, elf], TimeSpan.FromMinutes(1)).GetAwaiter().GetResult();
        Assert.True(run.ExitedWith(0), run.Describe());
        return run.Console;
    }
}
