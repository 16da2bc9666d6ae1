// <task>/Caps.g.cs: a task's capability slots as named constants, compiled into that
// task's image, so task code says `Caps.Policy` and a reordered [caps] table can never
// leave it using the wrong slot.
using System.Text;

namespace Keel.BuildTool.SystemDescription;

public static class TaskCapsWriter
{
    public static string Write(SystemLayout layout, TaskDescription task)
    {
        var code = new StringBuilder();
        code.AppendLine($"// {GeneratedFiles.Banner(layout)}");
        code.AppendLine("namespace Keel.Tasks");
        code.AppendLine("{");
        code.AppendLine($"    // The capability slots of task '{task.Name}' (slot 0 is always empty).");
        code.AppendLine("    public static class Caps");
        code.AppendLine("    {");
        foreach (var cap in task.Caps)
            code.AppendLine($"        public const uint {Identifiers.Pascal(cap.Name)} = {cap.Slot}; // {cap.Summary}");
        code.AppendLine("    }");
        code.AppendLine("}");
        return code.ToString();
    }
}
