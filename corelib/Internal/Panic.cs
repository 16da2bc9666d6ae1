// The one way out when firmware code hits a condition the language would raise as an
// exception: index out of range, null reference, divide by zero, overflow, a type cast
// or a feature the bare-metal runtime does not have.
//
// There is no exception handling in Keel's images. Every such condition ends here, with
// a human-readable reason and the return address into the method where it arose (a
// failed check's, from ThrowHelpers; else 0), in `keel_panic`, a routine each image
// provides: the kernel image prints the reason and the address
// (`PANIC: index out of range, caller 0x...`, which the keel command symbolises to
// the method, file and line) on its console and halts the system (or ends an emulator
// run with a failure status); a task image prints the same and reports it to the
// kernel as a fault of that task. `keel_panic` never returns.
using System.Runtime.InteropServices;

namespace Keel.Runtime
{
    public static unsafe class Panic
    {
        [DllImport("*", EntryPoint = "keel_panic")]
        [SuppressGCTransition]
        private static extern void KeelPanic(char* reason, int length, uint caller);

        // The caller is not known here (0): a failed check's routine in Runtime.S calls
        // keel_panic itself, with its return address.
        public static void Fail(string reason)
        {
            fixed (char* text = reason)
                KeelPanic(text, reason.Length, 0);
            // keel_panic does not return; should a broken port's do so, stop here
            // rather than run on in an undefined state.
            while (true) { }
        }
    }
}
