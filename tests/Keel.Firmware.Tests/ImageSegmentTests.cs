using System.Globalization;
using System.Text.RegularExpressions;
using Keel.BuildTool;
using Keel.Emulation;

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

    // The .hex a programmer writes holds flash only: every data record lies in the
    // board's flash (RAM is filled by the start-up code, never by a loader).
    [Theory]
    [InlineData("firmware/policy-demo", "policy-demo")]
    [InlineData("tests/target-suite", "target-suite")]
    public void TheHexFileWritesOnlyFlash(string projectFolder, string image)
    {
        const uint flashBase = 0x08000000, flashEnd = 0x08100000;
        string hex = Path.ChangeExtension(Repository.Image(projectFolder, image), ".hex");
        uint upper = 0;
        var outside = new List<string>();
        foreach (string record in File.ReadAllLines(hex))
        {
            uint type = Convert.ToUInt32(record.Substring(7, 2), 16);
            if (type == 4)
                upper = Convert.ToUInt32(record.Substring(9, 4), 16) << 16;
            else if (type == 0 && (upper + Convert.ToUInt32(record.Substring(3, 4), 16)) is uint address && (address < flashBase || address >= flashEnd))
                outside.Add($"0x{address:X8}: {record}");
        }
        Assert.Empty(outside);
    }

    // The link's own check (Keel.BuildTool check-segments, KEEL0300) on the layout
    // that broke Renode: ld gives .bss a flash load address after .data's image, and
    // the next flash section lands inside that zero-filled load range. The same
    // sections with .bss loaded where it runs pass.
    [Theory]
    [InlineData("> RAM AT > FLASH", true)]
    [InlineData("> RAM AT > RAM", false)]
    public void TheLinkRefusesSegmentsWhoseLoadRangesOverlap(string bssPlacement, bool overlaps)
    {
        string folder = Directory.CreateTempSubdirectory("keel-segments-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "image.s"), """
                .section .table, "a"
                .word 0x11111111
                .data
                .word 1
                .bss
                .space 16
                """ + "\n");
            File.WriteAllText(Path.Combine(folder, "image.ld"), $$"""
                MEMORY { FLASH (rx) : ORIGIN = 0x08000000, LENGTH = 64K  RAM (rwx) : ORIGIN = 0x20000000, LENGTH = 16K }
                SECTIONS
                {
                    .data : { *(.data) } > RAM AT > FLASH
                    .bss : { *(.bss) } {{bssPlacement}}
                    .table : { *(.table) } > FLASH
                }
                """);
            string In(string file) => Path.Combine(folder, file);
            Binutils.Execute("arm-none-eabi-as", In("image.s"), "-o", In("image.o"));
            Binutils.Execute("arm-none-eabi-ld", "-T", In("image.ld"), In("image.o"), "-o", In("image.elf"));

            IReadOnlyList<string> found = LoadSegments.Overlaps(LoadSegments.Read(File.ReadAllBytes(In("image.elf"))));

            Assert.Equal(overlaps, found.Count > 0);
            Assert.Equal(overlaps ? 1 : 0, LoadSegments.Check(In("image.elf")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
