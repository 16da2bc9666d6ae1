// The benchmark command (README "Benchmark"): builds the IPC benchmark image
// (bench/ipc), runs it on QEMU's STM32F405 with -icount shift=0 (one virtual
// nanosecond per instruction, so TIM2 counts instructions exactly and every run gives
// the same figures), and writes bench/results/ipc-netduinoplus2.csv, a plot of the
// Call + ReplyRecv round trip against message length and, beside them, the image's size
// report; then it rewrites docs/performance.md's generated table from them
// (PerformanceDoc). --no-build skips the build; --doc-only only rewrites the table from
// the committed results.
using Keel.Bench;
using Keel.Emulation;
using ScottPlot;

const string ImageFolder = "bench/ipc";
const string ImageName = "ipc-bench";
const string Board = BenchResults.Board;

if (args.Contains("--doc-only"))
    return WriteDoc();
if (args.Length > 0 && args[0] == "cycles")
    return CyclesCommand.Run(args[1..]);

if (!args.Contains("--no-build"))
{
    Console.WriteLine($"keel-bench: building {ImageFolder}");
    (int exitCode, string output) = DotnetBuild.Run(Path.Combine(Repository.Root, ImageFolder, "Bench.csproj"), $"-p:KeelBoard={Board}");
    if (exitCode != 0)
    {
        Console.Error.WriteLine(output);
        return 1;
    }
}

var qemu = new Qemu { Icount = Qemu.InstructionCountIcount };
Console.WriteLine($"keel-bench: running {ImageName} on QEMU {Board} with -icount {qemu.Icount}");
EmulatorRun run = await qemu.RunAsync(Repository.Image(ImageFolder, ImageName, Board));
IReadOnlyList<BenchLine> lines = BenchLine.ParseAll(run.Console);
string[] missing = BenchLine.Operations.Where(op => lines.All(line => line.Operation != op)).ToArray();
if (!run.ExitedWith(0) || missing.Length > 0)
{
    Console.Error.WriteLine($"keel-bench: the run did not report every operation (missing: {string.Join(", ", missing)})");
    Console.Error.WriteLine(run.Describe());
    return 1;
}

string results = Path.Combine(Repository.Root, "bench", "results");
Directory.CreateDirectory(results);
string csv = BenchResults.CsvPath(Repository.Root);
File.WriteAllLines(csv, [BenchLine.CsvHeader, .. lines.Select(line => line.ToCsv())]);
File.Copy(Path.ChangeExtension(Repository.Image(ImageFolder, ImageName, Board), ".size.txt"), BenchResults.SizeReportPath(Repository.Root), overwrite: true);

var plot = new Plot();
BenchLine[] roundTrips = BenchLine.RoundTrips.Select(r => lines.Single(line => line.Operation == r.Operation)).ToArray();
double[] words = BenchLine.RoundTrips.Select(r => (double)r.Words).ToArray();
var means = plot.Add.Scatter(words, roundTrips.Select(line => line.Mean).ToArray());
means.LegendText = "mean";
var minimums = plot.Add.Scatter(words, roundTrips.Select(line => (double)line.Min).ToArray());
minimums.LegendText = "min";
plot.Title($"Keel Call + ReplyRecv round trip (QEMU {Board}, -icount)");
plot.XLabel("message words");
plot.YLabel(roundTrips[0].Unit);
plot.Axes.SetLimitsY(0, roundTrips.Max(line => line.Mean) * 1.15);
plot.ShowLegend();
string png = Path.Combine(results, $"ipc-roundtrip-{Board}.png");
plot.SavePng(png, 640, 400);

Console.WriteLine();
Console.WriteLine($"{"operation",-22} {"unit",-13} {"n",6} {"mean",10} {"min",8} {"max",8} {"fastpath",9}");
foreach (BenchLine line in lines)
    Console.WriteLine($"{line.Operation,-22} {line.Unit,-13} {line.Count,6} {line.Mean,10:0.0} {line.Min,8} {line.Max,8} {line.FastpathHits,9}");
Console.WriteLine();
Console.WriteLine($"keel-bench: wrote {Path.GetRelativePath(Repository.Root, csv)}, {Path.GetRelativePath(Repository.Root, png)} and the size report");
return WriteDoc();

static int WriteDoc()
{
    string doc = PerformanceDoc.PathIn(Repository.Root);
    BenchResults committed = BenchResults.Read(Repository.Root);
    File.WriteAllText(doc, PerformanceDoc.Regenerate(File.ReadAllText(doc), committed));
    IReadOnlyList<string> disagreements = PerformanceDoc.Disagreements(File.ReadAllText(doc), committed);
    Console.WriteLine($"keel-bench: rewrote the table of {Path.GetRelativePath(Repository.Root, doc)}");
    foreach (string disagreement in disagreements)
        Console.Error.WriteLine($"keel-bench: {disagreement}");
    return disagreements.Count == 0 ? 0 : 1;
}
