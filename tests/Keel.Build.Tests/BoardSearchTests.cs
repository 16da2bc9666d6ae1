// An application's own boards (boards/<name>/ beside app.toml) are found before Keel's,
// by the system command's --boards folders in order, and an unknown board is refused
// at the description's `board` field with every board the search knows.
using Keel.BuildTool.SystemDescription;

namespace Keel.Build.Tests;

public sealed class BoardSearchTests
{
    private const string App = """
        name = "mine"
        board = "fake"

        [kernel]
        flash = 65536
        ram = 16384
        stack = 2048

        [tasks.solo]
        project = "Solo.csproj"
        priority = 1
        stack = 1024
        flash = 16384
        ram = 4096
        """;

    [Fact]
    public void An_application_s_own_board_is_chosen_like_a_built_in_one()
    {
        string own = BoardTests.FakeBoards(File.ReadAllText(Path.Combine(TestApps.BoardsDirectory, "netduinoplus2", BoardDescription.PeripheralsFile)));
        var search = new BoardSearch([own, TestApps.BoardsDirectory]);

        var (layout, diagnostics) = SystemCommand.Build(TestApps.WriteApp(App, "Solo.csproj"), search);

        Assert.Empty(diagnostics);
        Assert.Equal("fake", layout!.Board.Name);
    }

    [Fact]
    public void The_first_folder_that_has_the_board_wins()
    {
        string own = BoardTests.FakeBoards(null);
        Directory.Move(Path.Combine(own, "fake"), Path.Combine(own, "netduinoplus2"));
        var search = new BoardSearch([own, TestApps.BoardsDirectory]);

        Assert.Equal(Path.Combine(own, "netduinoplus2"), search.Find("netduinoplus2"));
        Assert.Equal(Path.Combine(TestApps.BoardsDirectory, "nucleo-f401re"), search.Find("nucleo-f401re"));
        Assert.Null(search.Find("fake"));
    }

    [Fact]
    public void An_unknown_board_names_every_board_of_every_folder()
    {
        string own = BoardTests.FakeBoards(null);
        var search = new BoardSearch([Path.Combine(own, "missing-folder"), own, TestApps.BoardsDirectory]);

        var (layout, diagnostics) = SystemCommand.Build(TestApps.WriteApp(App.Replace("\"fake\"", "\"nope\""), "Solo.csproj"), search);

        Assert.Null(layout);
        Assert.Equal(
            ["top level: field 'board': no board 'nope' (expected a folder boards/nope/ beside app.toml, or one of Keel's, with board.props; known boards: fake, netduinoplus2, nucleo-f401re)"],
            diagnostics.Select(d => d.Message));
    }

    [Fact]
    public void The_system_command_takes_boards_folders_in_order()
    {
        var arguments = SystemCommand.ParseArguments(["app.toml", "out", "--boards", "a", "--board", "b", "--boards", "c"]);

        Assert.Equal(["a", "c"], arguments!.BoardsDirectories);
        Assert.Equal("b", arguments.Board);
        Assert.Null(SystemCommand.ParseArguments(["app.toml", "out", "--boards"]));
    }
}
