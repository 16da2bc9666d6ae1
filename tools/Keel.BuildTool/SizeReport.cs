// The size report of an image: every allocated section with its size and whether it
// costs flash, RAM or both (.data is stored in flash and copied to RAM), against the
// board's totals. Read straight from the ELF's section headers. Then the kernel's flash
// by component and its initial data by kind, raw and stored (SizeBreakdown).
using System.Text;

namespace Keel.BuildTool;

public static class SizeReport
{
    public sealed record Section(string Name, uint Address, uint Size, bool InFlash, bool InRam);

    public static int Run(string elfPath, long flashBytes, long ramBytes, string reportPath)
    {
        byte[] elf = File.ReadAllBytes(elfPath);
        IReadOnlyList<Section> sections = ReadSections(elf);
        string report = Format(Path.GetFileName(elfPath), sections, flashBytes, ramBytes)
            + string.Concat(SizeBreakdown.Format(ElfImage.Read(elf)).Select(line => line + "\n"));
        File.WriteAllText(reportPath, report);
        Console.Write(report);
        return 0;
    }

    public static IReadOnlyList<Section> ReadSections(byte[] bytes)
    {
        ElfImage elf = ElfImage.Read(bytes);
        var sections = new List<Section>();
        foreach (ElfImage.Section section in elf.Sections.Where(s => s.Allocated && s.Size > 0))
        {
            // Loaded contents occupy RAM only when start-up copies them there (.data: run
            // address in RAM, load address in flash). A writable section that runs where
            // it is loaded (a table the linker script fills in flash) is flash only;
            // initial data the reset code unpacks (DataPacking) is RAM only, and its
            // packed image flash only.
            bool inRam = !section.Loaded || (section.Writable && elf.LoadAddress(section) != section.Address);
            sections.Add(new Section(section.Name, section.Address, section.Size, InFlash: section.Loaded, InRam: inRam));
        }
        return sections;
    }

    public static string Format(string image, IReadOnlyList<Section> sections, long flashBytes, long ramBytes)
    {
        var text = new StringBuilder();
        text.AppendLine($"Size report for {image}");
        text.AppendLine($"  {"section",-16} {"address",-10} {"bytes",8}  memory");
        foreach (Section s in sections)
        {
            string where = s.InFlash && s.InRam ? "flash+RAM" : s.InRam ? "RAM" : "flash";
            text.AppendLine($"  {s.Name,-16} 0x{s.Address:x8} {s.Size,8}  {where}");
        }
        long flash = sections.Where(s => s.InFlash).Sum(s => (long)s.Size);
        long ram = sections.Where(s => s.InRam && s.Name != ".stack").Sum(s => (long)s.Size);
        long stack = sections.Where(s => s.Name == ".stack").Sum(s => (long)s.Size);
        text.AppendLine($"  flash: {flash} of {flashBytes} bytes ({Percent(flash, flashBytes)})");
        text.AppendLine($"  RAM:   {ram} of {ramBytes} bytes ({Percent(ram, ramBytes)}), main stack {stack} bytes");
        return text.ToString();
    }

    private static string Percent(long used, long total) => total == 0 ? "n/a" : $"{100.0 * used / total:0.0}%";
}
