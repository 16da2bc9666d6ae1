// tasks.proj: the tasks as MSBuild items, so the application build learns which task
// projects to build, and with which generated Caps.g.cs, by calling this file's
// KeelAppTasks target (the MSBuild task) instead of parsing app.toml itself. Project
// paths are relative to the TOML file, so the caller passes that file's folder as
// $(KeelAppDir), with a trailing slash like MSBuild's own directory properties. A
// driver task's project lies in Keel's drivers folder (a package's, shared by every
// application): its OutputRoot puts what its build writes in the application's obj/.
using System.Security;
using System.Text;

namespace Keel.BuildTool.SystemDescription;

public static class TaskProjectsWriter
{
    public static string Write(SystemLayout layout)
    {
        var text = new StringBuilder();
        text.AppendLine("<Project>");
        text.AppendLine($"  <!-- {XmlComment(GeneratedFiles.Banner(layout))} -->");
        text.AppendLine("  <ItemGroup>");
        foreach (var task in layout.Tasks)
        {
            string name = task.Task.Name;
            string project = MsBuildEscape(task.Task.Project!.Replace('\\', '/'));
            // Resolved as the checker resolved it: an absolute path stays as it is.
            if (!Path.IsPathRooted(task.Task.Project))
                project = "$(KeelAppDir)" + project;
            string caps = $"$(MSBuildThisFileDirectory){name}/{GeneratedFiles.TaskCaps}";
            string outputRoot = task.Task.Driver is null ? "" : $" OutputRoot=\"$(KeelAppDir)obj/keel/driver-tasks/{name}/\"";
            text.AppendLine($"    <KeelAppTask Include=\"{Xml(project)}\" TaskName=\"{Xml(name)}\" CapsFile=\"{Xml(caps)}\"{outputRoot} />");
        }
        text.AppendLine("  </ItemGroup>");
        text.AppendLine("  <Target Name=\"KeelAppTasks\" Returns=\"@(KeelAppTask)\" />");
        text.AppendLine("</Project>");
        return text.ToString();
    }

    private static string Xml(string value) => SecurityElement.Escape(value);

    // A comment may not contain "--" (the app's name and file name are free text).
    private static string XmlComment(string text)
    {
        while (text.Contains("--"))
            text = text.Replace("--", "- -");
        return text;
    }

    // MSBuild reads $(...), @(...), %(...), ';' and wildcards in an Include; a path
    // from the description must stay that literal path, so those characters become
    // MSBuild's %XX escapes.
    private static string MsBuildEscape(string value)
    {
        var escaped = new StringBuilder();
        foreach (char c in value)
        {
            if ("%$@;'?*".Contains(c))
                escaped.Append($"%{(int)c:X2}");
            else
                escaped.Append(c);
        }
        return escaped.ToString();
    }
}
