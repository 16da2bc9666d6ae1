// A task's console on a USART (`console = "<task>"` in its [tasks.<name>] table,
// docs/drivers.md): the task named must be one of Keel's USART driver tasks
// (DriverConfigChecker.DriverName) serving its clients through its `requests`
// endpoint capability. The console's task gets one more capability, `console`, a
// client's capability to that endpoint, and its Caps.g.cs defines the console's output
// symbol (keel_console_write, userlib Console.cs) as a write through it
// (Keel.Drivers.UsartConsole), so its Console text leaves on the driver's USART.
//
// Resolved before AppChecker, so the added capability is checked (its endpoint, the
// task's cap-slots) like one written in [caps].
using System.Text;

namespace Keel.BuildTool.SystemDescription;

public static class ConsoleRoute
{
    public const string Field = "console";
    public const string CapName = "console";
    public const string Driver = "usart";
    public const string DriverEndpointCap = "requests";

    public static AppDescription Resolve(AppDescription app, DiagnosticBag diagnostics)
    {
        if (app.Tasks.All(task => task.Console is null))
            return app;
        var top = new Section(AppDescriptionParser.TopLevel, [], app.Source, diagnostics.For(app.TomlPath));
        return app with { Tasks = app.Tasks.Select(task => task.Console is null ? task : Route(app, task, AppChecker.TaskSection(top, task.Name))).ToList() };
    }

    private static TaskDescription Route(AppDescription app, TaskDescription task, Section section)
    {
        var usarts = app.Tasks.Where(candidate => DriverConfigChecker.DriverName(candidate, app.TomlPath) == Driver).ToList();
        var usart = usarts.FirstOrDefault(candidate => candidate.Name == task.Console);
        if (usart is null)
        {
            string expected = usarts.Count == 0 ? "this app has none" : $"this app's: {string.Join(", ", usarts.Select(candidate => candidate.Name))}";
            section.Field(Field, $"'{task.Console}' is not a USART driver task (the name of a task whose project is drivers/{Driver}; {expected})");
            return task;
        }
        if (usart == task)
        {
            section.Field(Field, "a USART driver cannot be its own console: it would call itself");
            return task;
        }
        var requests = usart.Caps.FirstOrDefault(cap => cap.Name == DriverEndpointCap && cap.Kind == CapKind.Endpoint);
        if (requests?.Object is null)
        {
            section.Field(Field, $"task '{usart.Name}' has no endpoint capability '{DriverEndpointCap}' that it serves its clients on");
            return task;
        }
        if (task.Caps.Any(cap => cap.Name == CapName))
        {
            AppChecker.CapSection(section, CapName).Problem($"the name is taken by `{Field} = \"{task.Console}\"`, which gives the task its capability to the driver: rename this one");
            return task;
        }
        var console = new CapDescription(CapName, (uint)task.Caps.Count + 1, CapKind.Endpoint, requests.Object, null, CapRights.Write | CapRights.GrantReply, null);
        return task with { Caps = [.. task.Caps, console] };
    }

    // Class ConsoleOutput in the console's task's Caps.g.cs.
    public static void Append(StringBuilder code, TaskDescription task)
    {
        if (task.Console is null)
            return;
        code.AppendLine();
        code.AppendLine($"    // The task's Console writes through task '{task.Console}', the USART driver ({Field} = \"{task.Console}\", docs/drivers.md).");
        code.AppendLine("    internal static unsafe class ConsoleOutput");
        code.AppendLine("    {");
        code.AppendLine("        [global::System.Runtime.InteropServices.UnmanagedCallersOnly(EntryPoint = \"keel_console_write\")]");
        code.AppendLine($"        private static void Write(char* text, int length) => global::Keel.Drivers.UsartConsole.Write(Caps.{Identifiers.Pascal(CapName)}, text, length);");
        code.AppendLine("    }");
    }
}
