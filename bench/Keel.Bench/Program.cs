// The benchmark command (README "Benchmark"): builds the IPC benchmark image
// (bench/ipc), runs it on QEMU's STM32F405 with -icount shift=0 (one virtual
// nanosecond per instruction, so TIM2 counts instructions exactly and every run gives
// the same figures), and writes bench/results/ipc-netduinoplus2.csv and a plot of the
// Call + ReplyRecv round trip against message length. --no-build skips the build.
using Keel.Bench;
using Keel.Emulation;
using ScottPlot;

const string ImageFolder = "bench/ipc";
const string ImageName = "ipc-bench";
const string Board = "netduinoplus2";

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
string csv = Path.Combine(results, $"ipc-{Board}.csv");
File.WriteAllLines(csv, [BenchLine.CsvHeader, .. lines.Select(line => line.ToCsv())]);

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
Console.WriteLine($"keel-bench: wrote {Path.GetRelativePath(Repository.Root, csv)} and {Path.GetRelativePath(Repository.Root, png)}");
return 0;
