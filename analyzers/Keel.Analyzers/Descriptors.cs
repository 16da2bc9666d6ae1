// Every diagnostic of the firmware analyzer: what the construct is, why firmware cannot
// have it, and what to write instead. docs/csharp.md explains each code with examples,
// and tests/Keel.Analyzers.Tests pins each one to a line of source.
using Microsoft.CodeAnalysis;

namespace Keel.Analyzers
{
    internal static class Descriptors
    {
        private const string Category = "Keel.Firmware";

        // Firmware has no heap: the end of every allocation message.
        private const string NoHeap = "and firmware has no heap";

        private const string WriteParts = "write the parts one after another with Console.Write (Console.WriteDecimal or Console.WriteHex for a number)";

        public static readonly DiagnosticDescriptor ClassInstance = Create("KEEL1001", "A class instance created at run time",
            "`new {0}` creates a class instance at run time " + NoHeap + ": make {0} a struct, or create the instance once in a static field's initializer, which the compiler builds into the image");

        public static readonly DiagnosticDescriptor Boxing = Create("KEEL1002", "A value boxed at run time",
            "converting {0} to {1} boxes it into an object at run time " + NoHeap + ": keep it as {0} (a parameter or field of that type, or a generic parameter constrained `where T : struct`)");

        public static readonly DiagnosticDescriptor RuntimeArray = Create("KEEL1003", "An array created at run time",
            "{0} creates an array at run time " + NoHeap + ": use `Span<T> buffer = stackalloc T[n];` for a temporary buffer, `static ReadOnlySpan<T> Table => [1, 2, 3];` for constants (data in flash), or a static field initialized where it is declared (`static T[] s_pool = new T[N];`), which the compiler builds into the image");

        public static readonly DiagnosticDescriptor StringConcatenation = Create("KEEL1004", "Strings joined at run time",
            "`+` on strings builds a new string at run time " + NoHeap + " and no string formatting: " + WriteParts);

        public static readonly DiagnosticDescriptor StringInterpolation = Create("KEEL1005", "String interpolation",
            "this interpolated string becomes a string, built at run time, " + NoHeap + ": pass the `$\"…\"` straight to Console.Write or Console.WriteLine, or to Utf8.TryWrite to format it into a Span<byte>, which format it on the stack");

        public static readonly DiagnosticDescriptor ParamsArray = Create("KEEL1006", "A params array created at run time",
            "this call to {0} puts its arguments in a new `params` array at run time " + NoHeap + ": add an overload with as many parameters as the call has arguments, or pass a Span<T> filled through stackalloc");

        public static readonly DiagnosticDescriptor CapturingLambda = Create("KEEL1007", "A lambda that captures",
            "this {0} captures {1}, so it allocates a closure and a delegate at run time " + NoHeap + ": make it a static method that takes what it uses as parameters, and call that directly or through a function pointer (`delegate*<...>` set to `&Method`)");

        public static readonly DiagnosticDescriptor Delegate = Create("KEEL1008", "A delegate created at run time",
            "converting {0} to the delegate type {1} creates a delegate object at run time " + NoHeap + ": use a function pointer instead (`delegate*<...>` set to `&StaticMethod`)");

        public static readonly DiagnosticDescriptor Linq = Create("KEEL1009", "LINQ",
            "LINQ allocates enumerators and delegates at run time, and the core library has no System.Linq: write a for loop over the array or span");

        public static readonly DiagnosticDescriptor Throw = Create("KEEL1010", "throw",
            "firmware has no exceptions, so nothing can catch a `throw`: return an error the caller checks (an enum such as Keel.Kernel.Error, or a bool with an out parameter), or stop with Keel.Runtime.Panic.Fail(\"why\") if the condition is a bug");

        public static readonly DiagnosticDescriptor Try = Create("KEEL1011", "try",
            "firmware has no exceptions, so `try` has nothing to catch and `finally` nothing to unwind: check the results of the calls instead, and do any clean-up on each path out");

        public static readonly DiagnosticDescriptor Double = Create("KEEL1012", "double on a single-precision FPU",
            "{0}: this target's FPU is single precision (the Cortex-M4F's FPv4-SP), so double arithmetic would stop with an undefined-instruction fault at run time: use float (literals with an f suffix, 0.5f)");

        public static readonly DiagnosticDescriptor Async = Create("KEEL1013", "async and await",
            "`async` and `await` need tasks allocated at run time and a scheduler that firmware does not have: a task waits for the kernel instead, with a blocking call on an endpoint or notification (Ipc.Call, Ipc.Recv, Notifications.Wait)");

        public static readonly DiagnosticDescriptor Lock = Create("KEEL1014", "lock",
            "`lock` needs System.Threading.Monitor, which firmware does not have: a task has one thread and shares no memory with other tasks, so it needs no lock; tasks coordinate through IPC (Ipc.Call, Ipc.Recv, Notifications.Signal)");

        public static readonly DiagnosticDescriptor Reflection = Create("KEEL1015", "Reflection",
            "{0} needs reflection (System.Type objects at run time), which firmware does not have: use an enum or a constant to tell kinds apart");

        public static readonly DiagnosticDescriptor Tuple = Create("KEEL1016", "A tuple",
            "tuples need System.ValueTuple, which the core library does not have: declare a struct with named fields, or return the values through out parameters");

        public static readonly DiagnosticDescriptor FloatToLong = Create("KEEL1017", "float to a 64-bit integer",
            "converting float to {0} is compiled through double (vcvt.f64.f32) and this target's FPU is single precision (the Cortex-M4F's FPv4-SP), so it would stop with an undefined-instruction fault at run time: convert to int or uint first (`(long)(int)value`), after checking the value fits");

        public static readonly DiagnosticDescriptor CheckedFloatConversion = Create("KEEL1018", "A checked conversion from float",
            "a checked conversion from {0} to {1} is compiled through double (vcvt.f64.f32, then an overflow check) and this target's FPU is single precision (the Cortex-M4F's FPv4-SP), so it would stop with an undefined-instruction fault at run time: compare the value with {1}'s range first, then convert unchecked");

        public static readonly DiagnosticDescriptor RecordClass = Create("KEEL1019", "A record class",
            "a record class is an object: `with` copies it into a new one at run time " + NoHeap + ", and its equality compares System.Type objects (reflection): declare it a `record struct` (`readonly record struct` for one that never changes), which has the same members, ==, with and Deconstruct");

        // The id is written out at each descriptor so that a search for a code finds it
        // (docs/diagnostics.md lists every code, checked by tests/Keel.Docs.Tests).
        private static DiagnosticDescriptor Create(string id, string title, string message) =>
            new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
                helpLinkUri: "docs/csharp.md#" + id.ToLowerInvariant());
    }
}
