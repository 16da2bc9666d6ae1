// Strings exist only as literals frozen into the image by the compiler (in the image's
// own RAM, beside its statics): a method table pointer, a 32-bit length and UTF-16
// characters. Firmware code reads them (length, indexer, fixed) but never builds one.
namespace System
{
    public sealed class String
    {
        // Layout contract with the compiler: length, then the first character.
        private readonly int _stringLength;
        private char _firstChar;

        public int Length => _stringLength;

        public char this[int index]
        {
            get
            {
                if ((uint)index >= (uint)_stringLength)
                    Internal.Runtime.CompilerHelpers.ThrowHelpers.ThrowIndexOutOfRangeException();
                return Runtime.CompilerServices.Unsafe.Add(ref _firstChar, index);
            }
        }

        // Lets `fixed (char* p = text)` pin the characters.
        public ref readonly char GetPinnableReference() => ref _firstChar;
    }
}
