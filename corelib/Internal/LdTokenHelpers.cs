// The `ldtoken` of a field, which the C# compiler emits for constant data: an array
// initialiser (`static readonly short[] s_curve = { … }` becomes `newarr`, then
// RuntimeHelpers.InitializeArray with the token of the data's RVA field) and a span
// over constants (RuntimeHelpers.CreateSpan<T> with the same token). ILC's code
// generator expands both calls into a copy from, or a span over, the data it placed in
// the image, and ILC's pre-initialiser runs them at build time, so the handle is never
// used at run time; ILC still asks for this helper by name (ReadyToRunHelper
// GetRuntimeFieldHandle) whenever a method holds the token.
using System;

namespace Internal.Runtime.CompilerHelpers
{
    internal static class LdTokenHelpers
    {
        private static RuntimeFieldHandle GetRuntimeFieldHandle(IntPtr fieldDescriptor) => new RuntimeFieldHandle(fieldDescriptor);
    }
}
