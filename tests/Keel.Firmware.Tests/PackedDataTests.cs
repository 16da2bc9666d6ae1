using Keel.BuildTool;
using Keel.Emulation;

namespace Keel.Firmware.Tests;

// The kernel's initial data is stored packed and unpacked by the reset code
// (tools/Keel.BuildTool/DataPacking.cs, hal/Arm/Startup.S). In each image: the packed
// link is the raw link with only .data's image changed, and the packed image is smaller;
// and on QEMU, the RAM the reset code filled, read with gdb when it hands over to the
// C# start-up (keel_initialise_statics, before any C# writes a static), is the first
// link's raw .data byte for byte.
[Collection(DotnetBuildCollection.Name)]
public class PackedDataTests
{
    [Theory]
    [InlineData("bench/ipc", "ipc-bench")]
    [InlineData("firmware/policy-demo", "policy-demo")]
    [InlineData("firmware/hello", "hello")]
    public void TheImageStoresItsInitialDataPackedAndIsOtherwiseTheRawLink(string projectFolder, string image)
    {
        (ElfImage raw, ElfImage packed) = Links(projectFolder, image);

        Assert.Empty(DataPacking.Differences(raw, packed));
        ElfImage.Section data = packed.Sections.Single(s => s.Name == DataPacking.DataSection);
        ElfImage.Section stored = packed.Sections.Single(s => s.Name == DataPacking.PackedSection);
        Assert.False(data.Loaded);
        Assert.InRange(stored.Size, 1u, data.Size / 2);
    }

    [GdbFact]
    public async Task TheResetCodeUnpacksTheRawLinksDataByteForByte()
    {
        const string folder = "bench/ipc", image = "ipc-bench";
        (ElfImage raw, _) = Links(folder, image);
        ElfImage.Section data = raw.Sections.Single(s => s.Name == DataPacking.DataSection);
        string elf = Repository.Image(folder, image);
        string dump = Path.Combine(Path.GetTempPath(), $"keel-unpacked-{Guid.NewGuid():N}.bin");

        try
        {
            EmulatorRun gdb = await DebuggerTests.GdbOnQemuAsync(elf,
                "break keel_initialise_statics",
                "continue",
                $"dump binary memory {dump} 0x{data.Address:x} 0x{data.Address + data.Size:x}");
            Assert.True(File.Exists(dump), gdb.Describe());
            Assert.Equal(raw.Contents(data), File.ReadAllBytes(dump));
        }
        finally
        {
            File.Delete(dump);
        }
    }

    // The first link (obj/keel/<board>/<image>.raw-data.elf, sdk/targets/Keel.Image.targets)
    // and the image.
    private static (ElfImage Raw, ElfImage Packed) Links(string projectFolder, string image)
    {
        string elf = Repository.Image(projectFolder, image);
        string rawElf = Path.Combine(Repository.Root, projectFolder, "obj", "keel", "netduinoplus2", $"{image}.raw-data.elf");
        Assert.True(File.Exists(elf) && File.Exists(rawElf), $"{elf} or {rawElf} is not built");
        return (ElfImage.Read(File.ReadAllBytes(rawElf)), ElfImage.Read(File.ReadAllBytes(elf)));
    }
}
