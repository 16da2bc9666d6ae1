// Arrays exist only where the compiler pre-initialises them: a static field set to
// `new T[n]` (or an initialiser list) of a struct or primitive type becomes a frozen
// array in the image's RAM. The layout is a method table pointer, a 32-bit length,
// then the elements.
namespace System
{
    public abstract class Array
    {
        // Layout contract: the element count follows the method table pointer.
        private readonly int _length;

        public int Length => _length;
    }

    // The compiler's view of T[]: single-dimension, zero-based arrays derive from it.
    internal class Array<T> : Array { }
}
