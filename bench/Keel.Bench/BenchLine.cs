// One operation's result as the benchmark image prints it (bench/ipc/tasks/client):
//     BENCH op=<name> unit=<unit> n=<runs> mean=<m.d> min=<min> max=<max> fastpath=<hits>
using System.Globalization;
using System.Text.RegularExpressions;
using Keel.Emulation;

namespace Keel.Bench;

public sealed record BenchLine(string Operation, string Unit, int Count, double Mean, long Min, long Max, long FastpathHits)
{
    // Every operation the image measures, in the order it prints them.
    public static readonly IReadOnlyList<string> Operations =
    [
        "null_syscall", "call_replyrecv_0w", "call_replyrecv_1w", "call_replyrecv_4w", "call_replyrecv_16w",
        "call_reply_recv_4w", "call_replyrecv_1cap", "nbsend_recv", "signal_wait", "systick_preemption", "debug_write_256c", "console_interrupt",
        "revoke_1cap", "revoke_16caps", "revoke_1cap_waiter", "call_typed_3w", "call_handpacked_3w", "irq_to_waiting_task", "irq_preempts_lower", "yield_roundtrip",
    ];

    // The Call + ReplyRecv round trips by message length in words, for the plot.
    public static readonly IReadOnlyList<(int Words, string Operation)> RoundTrips =
    [
        (0, "call_replyrecv_0w"), (1, "call_replyrecv_1w"), (4, "call_replyrecv_4w"), (16, "call_replyrecv_16w"),
    ];

    public const string CsvHeader = "operation,unit,n,mean,min,max,fastpath";

    private static readonly Regex Pattern = new(
        @"^BENCH op=(?<op>\S+) unit=(?<unit>\S+) n=(?<n>\d+) mean=(?<mean>\d+\.\d) min=(?<min>\d+) max=(?<max>\d+) fastpath=(?<fast>\d+)$");

    // The task of bench/ipc that measures and prints the lines.
    public const string Reporter = "client";

    // The reporter's lines alone (ConsoleTranscript): another task's copy is not a figure.
    public static IReadOnlyList<BenchLine> ParseAll(string console) =>
        ConsoleTranscript.Lines(console).Where(line => line.Task == Reporter).Select(line => Pattern.Match(line.Text)).Where(m => m.Success).Select(m => new BenchLine(
            m.Groups["op"].Value, m.Groups["unit"].Value, int.Parse(m.Groups["n"].Value),
            double.Parse(m.Groups["mean"].Value, CultureInfo.InvariantCulture),
            long.Parse(m.Groups["min"].Value), long.Parse(m.Groups["max"].Value), long.Parse(m.Groups["fast"].Value))).ToList();

    public static BenchLine FromCsv(string row)
    {
        string[] c = row.Split(',');
        if (c.Length != 7)
            throw new InvalidDataException($"not a row of '{CsvHeader}': {row}");
        return new BenchLine(c[0], c[1], int.Parse(c[2], CultureInfo.InvariantCulture), double.Parse(c[3], CultureInfo.InvariantCulture),
            long.Parse(c[4], CultureInfo.InvariantCulture), long.Parse(c[5], CultureInfo.InvariantCulture), long.Parse(c[6], CultureInfo.InvariantCulture));
    }

    public string ToCsv() => string.Join(',', Operation, Unit, Count,
        Mean.ToString("0.0", CultureInfo.InvariantCulture), Min, Max, FastpathHits);
}
