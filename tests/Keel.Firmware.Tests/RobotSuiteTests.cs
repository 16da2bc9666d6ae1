using System.Text.RegularExpressions;
using Keel.Emulation;
using Keel.Suite;

namespace Keel.Firmware.Tests;

// renode-scripts/keel-suite.robot, the suite for Renode's own runner, lists one test
// per case with the verdict line the case must print on Renode. Its rows are written
// out rather than generated, so that a Renode user reads them as they are; this test
// keeps them to the suite's catalogue: every case, in order, PASS unless Renode
// cannot run it (then SKIP with the catalogue's reason), and the closing line.
public partial class RobotSuiteTests
{
    [Fact]
    public void TheRobotSuiteListsEveryCaseWithItsVerdictOnRenode()
    {
        string robot = File.ReadAllText(Path.Combine(Repository.Root, "renode-scripts", "keel-suite.robot"));
        string cases = robot[robot.IndexOf("*** Test Cases ***", StringComparison.Ordinal)..];

        var expected = new List<string>();
        int skipped = 0;
        for (int index = 0; index < Catalogue.Count; index++)
        {
            string id = Catalogue.Id(index);
            string reason = Catalogue.UntestableOnRenode(index);
            skipped += reason.Length == 0 ? 0 : 1;
            expected.Add($"{id} {(reason.Length == 0 ? $"PASS {id}" : $"SKIP {id}: {reason}")}");
        }
        IEnumerable<string> listed = CaseRow().Matches(cases).Select(row => $"{row.Groups["test"].Value} {row.Groups["verdict"].Value}");

        Assert.Equal(expected, listed);
        Assert.Contains($"    Wait For Line On Uart    driver: {Catalogue.Count - skipped} passed, 0 failed, {skipped} skipped\n", cases);
    }

    [GeneratedRegex(@"^(?<test>[A-Z]+[0-9]+) +(?<verdict>(PASS|SKIP) .+)$", RegexOptions.Multiline)]
    private static partial Regex CaseRow();
}
