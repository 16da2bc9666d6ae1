// The attributes the C# compiler looks for when it lowers `$"…"` into calls on an
// interpolated-string handler (userlib/Text): with them, a `$"…"` passed where a
// handler is expected becomes AppendLiteral/AppendFormatted calls on a struct on the
// caller's stack, not a string. There is deliberately no DefaultInterpolatedStringHandler:
// a `$"…"` that would become a string still has nothing to bind to (and KEEL1005 says why).
namespace System.Runtime.CompilerServices
{
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
    public sealed class InterpolatedStringHandlerAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public sealed class InterpolatedStringHandlerArgumentAttribute : Attribute
    {
        public InterpolatedStringHandlerArgumentAttribute(string argument) { }

        public InterpolatedStringHandlerArgumentAttribute(params string[] arguments) { }
    }
}
