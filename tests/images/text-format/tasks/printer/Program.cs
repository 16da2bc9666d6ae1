// Prints every format userlib's interpolated-string handlers serve, one line each, on
// the console (ConsoleInterpolatedStringHandler) and through a caller's bytes
// (Utf8.TryWrite); the Firmware test compares the console with what .NET prints.
using System;
using System.Runtime.InteropServices;
using Keel.Kernel;
using Keel.UserLib;
using Keel.UserLib.Collections;

namespace Keel.Tests.TextFormat
{
    public enum Mode { Heat, Cool, Idle = 7 }

    internal enum Level : sbyte { Low = -1, High = 1 }

    public struct Reading
    {
        public short Centidegrees;
        public Mode Mode;
    }

    public static class Program
    {
        // In the task's RAM, sized at build time; the sentinels either side show the
        // inline arrays hold their whole capacity (a write past one would change them).
        private static uint s_before = 0xA5A5A5A5;
        private static FixedList<Reading, Items8<Reading>> s_readings;
        private static RingBuffer<byte, Items4<byte>> s_received;
        private static FixedMap<uint, float, Items4<MapEntry<uint, float>>> s_setpoints;
        private static uint s_after = 0x5A5A5A5A;

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            Thermostat(21.46f, 12, Error.Ok, Mode.Cool);
            Integers(-42, 0xBEEF, 0x123456789ABCDEF0, -1);
            Floats(3.14159f, -0.04f, 100f, 1e10f);
            Others(true, 'k', "name", Error.WouldBlock, (Mode)3, Level.Low);
            Aligned(42, -7, "ab");
            IntoBytes(1234, Mode.Idle);
            Console.Write($"no line end {Mode.Heat}|");
            Console.WriteLine($"{"a text longer than the console handler's buffer of sixty-four bytes"} {1234567890}");
            Collections();
            Task.Halt(0);
        }

        private static void Thermostat(float t, int n, Error status, Mode mode) =>
            Console.WriteLine($"temp {t:F1} C, {n} samples, status {status}, mode {mode}");

        private static void Integers(int i, ushort u16, ulong u64, long l)
        {
            sbyte sb = (sbyte)i;
            short s = (short)i;
            byte b = (byte)u16;
            uint u = (uint)i;
            Console.WriteLine($"d {i} {sb} {s} {b} {u16} {u} {u64} {l}");
            Console.WriteLine($"x {i:x} {sb:x} {s:X} {b:x} {u16:X} {u:X8} {u64:x} {l:X}");
            Console.WriteLine($"pad {i:D5} {b:D3} {u16:x8} {long.MinValue} {ulong.MaxValue}");
        }

        private static void Floats(float pi, float small, float hundred, float big) =>
            Console.WriteLine($"f {pi:F0} {pi:F1} {pi:F2} {pi:F5} {small:F1} {hundred} {big:F1} {pi}");

        private static void Others(bool yes, char c, string name, Error status, Mode unnamed, Level level) =>
            Console.WriteLine($"o {yes} {!yes} {c} {name} {"bytes"u8} {status} {status:D} {unnamed} {level} {(Level)(-5)}");

        private static void Aligned(int n, int m, string s) =>
            Console.WriteLine($"[{n,6}] [{n,-6}] [{m,4:D3}] [{s,3}] [{s,-3}] [{Mode.Cool,6}] [{true,-6}]");

        private static void IntoBytes(int n, Mode mode)
        {
            Span<byte> line = stackalloc byte[24];
            bool fits = Utf8.TryWrite(line, $"span {n:X4} {mode}", out int written);
            Console.Write(line.Slice(0, written));
            Console.WriteLine($" fits {fits} {written}");
            bool overflows = Utf8.TryWrite(line, $"span {n} {mode} and more than twenty-four bytes", out written);
            Console.WriteLine($"overflow {overflows} {written}");
        }

        private static void Collections()
        {
            for (int i = 0; i < 9; i++)
            {
                if (!s_readings.TryAdd(new Reading { Centidegrees = (short)(2000 + 10 * i), Mode = (Mode)(i % 2) }))
                    Console.WriteLine($"list full at {i}, capacity {FixedList<Reading, Items8<Reading>>.Capacity}");
            }
            s_readings.RemoveAt(0);
            int sum = 0;
            foreach (Reading r in s_readings.AsSpan())
                sum += r.Centidegrees;
            Console.WriteLine($"list {s_readings.Count} sum {sum} last {s_readings[s_readings.Count - 1].Mode} index {s_readings.IndexOf(new Reading { Centidegrees = 2030, Mode = Mode.Cool })}");

            for (byte b = 1; b <= 6; b++)
                s_received.EnqueueOverwritingOldest(b);
            bool refused = !s_received.TryEnqueue(7);
            Console.Write($"ring {s_received.Count} refused {refused}:");
            while (s_received.TryDequeue(out byte next))
                Console.Write($" {next}");
            Console.WriteLine();

            for (uint channel = 0; channel < 5; channel++)
            {
                if (!s_setpoints.TrySet(channel, 20f + channel / 2f))
                    Console.WriteLine($"map full at {channel}");
            }
            s_setpoints.TrySet(2, 30.5f);
            s_setpoints.Remove(0);
            s_setpoints.TryGetValue(2, out float two);
            Console.WriteLine($"map {s_setpoints.Count} two {two:F1} has0 {s_setpoints.ContainsKey(0)} has3 {s_setpoints.ContainsKey(3)} sentinels {s_before:X8} {s_after:X8}");
        }
    }
}
