// tasks.proj carries free text from the description (the app's name in its banner, the
// project paths) into XML that MSBuild evaluates: whatever the text, the file must stay
// well-formed and MSBuild must see the literal path.
using System.Xml.Linq;
using Keel.BuildTool.SystemDescription;

namespace Keel.Build.Tests;

public class TaskProjectsTests
{
    [Fact]
    public void Odd_names_and_paths_stay_literal()
    {
        const string project = "odd & 'dir';1/A%B$(X).csproj";
        var (layout, diagnostics) = TestApps.Build($"""
            name = "my--app <1>"
            board = "netduinoplus2"

            [kernel]
            flash = 65536
            ram = 16384
            stack = 2048

            [tasks.solo]
            project = "{project}"
            priority = 0
            stack = 1024
            flash = 16384
            ram = 4096
            """, project);
        Assert.Empty(diagnostics);

        var document = XDocument.Parse(GeneratedFiles.All(layout!).Single(file => file.RelativePath == GeneratedFiles.TaskProjects).Content);

        var task = Assert.Single(document.Root!.Descendants("KeelAppTask"));
        Assert.Equal("$(KeelAppDir)odd & %27dir%27%3B1/A%25B%24(X).csproj", task.Attribute("Include")!.Value);
        Assert.Equal("solo", task.Attribute("TaskName")!.Value);
    }
}
