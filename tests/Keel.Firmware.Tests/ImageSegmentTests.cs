using System.Globalization;
using System.Text.RegularExpressions;

namespace Keel.Firmware.Tests;

// What an ELF loader does with an image's zero-initialised data must not depend on the
// loader. Renode's zero-fills a segment's MemSiz - FileSiz at its *load* address; if
// .bss had a flash load address (ld continues .data's by default), that wiped the flash
// after .data's image: the task image table, or a task's next section (issue 15). Every
// segment that is zero-filled must therefore be loaded where it runs.
[Collection(DotnetBuildCollection.Name)]
public class ImageSegmentTests
{
    [Theory]
    [InlineData("firmware/policy-demo", "policy-demo")]
    [InlineData("tests/target-suite", "target-suite")]
    public void EveryZeroFilledSegmentLoadsWhereItRuns(string projectFolder, string image)
    {
        string segments = Binutils.Run("arm-none-eabi-readelf", projectFolder, image, "-lW");

        var misplaced = new List<string>();
        foreach (Match load in Regex.Matches(segments,
            @"^\s*LOAD\s+0x\S+\s+0x(?<virt>[0-9a-f]+)\s+0x(?<phys>[0-9a-f]+)\s+0x(?<file>[0-9a-f]+)\s+0x(?<mem>[0-9a-f]+)", RegexOptions.Multiline))
        {
            uint Hex(string group) => uint.Parse(load.Groups[group].Value, NumberStyles.HexNumber);
            if (Hex("mem") > Hex("file") && Hex("phys") != Hex("virt"))
                misplaced.Add(load.Value.Trim());
        }
        Assert.Empty(misplaced);
    }
}
