// memory.ld for a system image: one MEMORY region per kernel and task window, so each
// task links into exactly the flash and RAM its MPU regions cover, plus the stack
// sizes as symbols the start-up code and the kernel's linker script read. The kernel's
// windows are also given the names FLASH and RAM, which the generic image script
// (sdk/targets/keel-image.ld) places every image into, so the kernel links with it unchanged.
using System.Text;

namespace Keel.BuildTool.SystemDescription;

public static class LinkerScriptWriter
{
    public static string Write(SystemLayout layout)
    {
        var text = new StringBuilder();
        text.AppendLine($"/* {GeneratedFiles.Banner(layout)} */");
        text.AppendLine("MEMORY");
        text.AppendLine("{");
        AppendRegion(text, "KERNEL_FLASH", "rx", layout.KernelFlash);
        AppendRegion(text, "KERNEL_RAM", "rwx", layout.KernelRam);
        foreach (var task in layout.Tasks)
        {
            AppendRegion(text, Identifiers.FlashRegion(task.Task.Name), "rx", task.Flash);
            AppendRegion(text, Identifiers.RamRegion(task.Task.Name), "rwx", task.Ram);
        }
        text.AppendLine("}");
        text.AppendLine();
        text.AppendLine($"KEEL_MAIN_STACK_SIZE = {layout.App.Kernel!.Stack};");
        foreach (var task in layout.Tasks)
            text.AppendLine($"{Identifiers.StackSizeSymbol(task.Task.Name)} = {task.Task.Stack};");
        text.AppendLine();
        text.AppendLine("REGION_ALIAS(\"FLASH\", KERNEL_FLASH);");
        text.AppendLine("REGION_ALIAS(\"RAM\", KERNEL_RAM);");
        return text.ToString();
    }

    private static void AppendRegion(StringBuilder text, string name, string attributes, MemoryWindow window) =>
        text.AppendLine($"    {name} ({attributes}) : ORIGIN = 0x{window.Base:X8}, LENGTH = {window.Size}");
}
