// tasks.ld: the SECTIONS that place every task's packaged object in its own windows,
// linked after memory.ld and the kernel's image script. Each task object has had its
// allocatable sections renamed `.task_<id><section>` (objcopy
// --prefix-alloc-sections=.task_<id>), so no pattern of the kernel's script matches
// them and each task's code and data can only land in that task's windows.
//
// In a task's RAM window the stack comes first, at the bottom, so that an overflow
// runs off the start of the window, out of the task's MPU region, and faults instead
// of corrupting its data; the IPC buffer lies just above the stack top, where the
// kernel looks for it (RamBase + StackSize). Data and bss follow. A window too small
// for all of it is reported by ld as an overflow of that task's TASK_<NAME>_RAM region.
//
// The kernel learns what only the link knows (entry point, where to copy data from
// and to, what to zero) from one record per task, in task order, at
// `keel_task_images` in kernel flash: struct TaskImage in hal/Port/BootTables.cs.
using System.Text;

namespace Keel.BuildTool.SystemDescription;

public static class TaskSectionsWriter
{
    // kernel/Message.cs: IpcBuffer.Words (18) words of 4 bytes.
    public const int IpcBufferBytes = 72;

    public static string Write(SystemLayout layout)
    {
        var text = new StringBuilder();
        text.AppendLine($"/* {GeneratedFiles.Banner(layout)} */");
        text.AppendLine("SECTIONS");
        text.AppendLine("{");
        foreach (var task in layout.Tasks)
            AppendTask(text, task.Task.Name);

        text.AppendLine("    /* The kernel's TaskImage records, one per task in task order. */");
        text.AppendLine("    .keel_task_images :");
        text.AppendLine("    {");
        text.AppendLine("        . = ALIGN(4);");
        text.AppendLine("        keel_task_images = .;");
        foreach (var task in layout.Tasks)
        {
            string data = OutputSection(task.Task.Name, "data");
            string bss = OutputSection(task.Task.Name, "bss");
            text.AppendLine(
                $"        LONG({Identifiers.TaskEntrySymbol(task.Task.Name)}) LONG(LOADADDR({data})) LONG(ADDR({data})) LONG(ADDR({data}) + SIZEOF({data}))"
                + $" LONG(ADDR({bss})) LONG(ADDR({bss}) + SIZEOF({bss})) /* {task.Task.Name} */");
        }
        text.AppendLine("    } > KERNEL_FLASH");
        text.AppendLine();
        // Keel has no exception unwinding (failures panic), so unwind tables are dead flash.
        text.AppendLine("    /DISCARD/ :");
        text.AppendLine("    {");
        text.AppendLine("        *(.task_*.ARM.exidx*)");
        text.AppendLine("        *(.task_*.ARM.extab*)");
        text.AppendLine("    }");
        text.AppendLine("}");
        return text.ToString();
    }

    // The sections ILC and the C compiler emit, as the kernel's image script places
    // them: code and read-only data in flash; stack and IPC buffer, data (method tables,
    // frozen objects and the module list, loaded from flash) and bss in RAM.
    private static void AppendTask(StringBuilder text, string name)
    {
        // The prefix objcopy gave the task's input sections.
        string prefix = $".task_{Identifiers.LowerSnake(name)}";
        string flash = Identifiers.FlashRegion(name);
        string ram = Identifiers.RamRegion(name);
        text.AppendLine($"    /* task {name} */");
        text.AppendLine($"    {OutputSection(name, "text")} :");
        text.AppendLine("    {");
        text.AppendLine($"        KEEP(*({prefix}.text {prefix}.text.*))");
        text.AppendLine($"        *({prefix}__managedcode)");
        text.AppendLine($"        *({prefix}.rodata {prefix}.rodata.*)");
        text.AppendLine("        . = ALIGN(4);");
        text.AppendLine($"    }} > {flash}");
        // At ORIGIN explicitly: the kernel puts the stack top at RamBase + StackSize.
        text.AppendLine($"    {OutputSection(name, "stack")} ORIGIN({ram}) (NOLOAD) :");
        text.AppendLine("    {");
        text.AppendLine($"        . += {Identifiers.StackSizeSymbol(name)};");
        text.AppendLine($"        . += {IpcBufferBytes};");
        text.AppendLine($"    }} > {ram}");
        text.AppendLine($"    {OutputSection(name, "data")} :");
        text.AppendLine("    {");
        text.AppendLine($"        *({prefix}.data {prefix}.data.*)");
        text.AppendLine($"        *({prefix}__modules)");
        text.AppendLine("        . = ALIGN(4);");
        text.AppendLine($"    }} > {ram} AT > {flash}");
        // Loaded (zeroed) where it runs, not after the data's image in flash: a loader
        // that zero-fills a segment at its load address (Renode's) would otherwise clear
        // whatever follows that image in the task's flash window (keel-image.ld's .bss).
        text.AppendLine($"    {OutputSection(name, "bss")} (NOLOAD) :");
        text.AppendLine("    {");
        text.AppendLine($"        *({prefix}.bss {prefix}.bss.*)");
        text.AppendLine("        . = ALIGN(4);");
        text.AppendLine($"    }} > {ram} AT > {ram}");
        text.AppendLine();
    }

    // The output section that holds one part (text, stack, data, bss) of a task.
    private static string OutputSection(string task, string part) => $".task_{Identifiers.LowerSnake(task)}_{part}";
}
