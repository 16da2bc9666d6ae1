using Keel.Emulation;

namespace Keel.Firmware.Tests;

// The ARM binutils the image tests use (objdump, readelf, as, ld): run one on an image
// of the tree, or with any arguments, and return what it printed.
internal static class Binutils
{
    private const string Install = "sudo apt-get install -y binutils-arm-none-eabi";

    public static string Run(string tool, string projectFolder, string image, params string[] options)
    {
        string elf = Repository.Image(projectFolder, image);
        Assert.True(File.Exists(elf), $"{elf} is not built");
        return Execute(tool, [.. options, elf]);
    }

    // Runs `tool` with `arguments`, which must succeed, and returns what it printed.
    public static string Execute(string tool, params string[] arguments)
    {
        string executable = HostTools.Require(tool, Install);
        EmulatorRun run = HostProcess.RunAsync(executable, arguments, TimeSpan.FromMinutes(1)).GetAwaiter().GetResult();
        Assert.True(run.ExitedWith(0), run.Describe());
        return run.Console;
    }
}
