// Strings exist only as literals frozen into the image by the compiler (in the image's
// own RAM, beside its statics): a method table pointer, a 32-bit length and UTF-16
// characters. Firmware code reads them (length, indexer, fixed) but never builds one.
namespace System
{
    public sealed class String : IEquatable<string>
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

        // Equality is by text, as in .NET (`==`, `switch` and `is` on strings call
        // these). ILC makes one object of equal literals, so equal texts are mostly the
        // same object, which the first test answers at once.
        public static bool operator ==(string a, string b) => Equals(a, b);

        public static bool operator !=(string a, string b) => !Equals(a, b);

        public static bool Equals(string a, string b)
        {
            if ((object)a == b)
                return true;
            if ((object)a == null || (object)b == null || a._stringLength != b._stringLength)
                return false;
            for (int i = 0; i < a._stringLength; i++)
            {
                if (Runtime.CompilerServices.Unsafe.Add(ref a._firstChar, i) != Runtime.CompilerServices.Unsafe.Add(ref b._firstChar, i))
                    return false;
            }
            return true;
        }

        public bool Equals(string value) => Equals(this, value);

        public override bool Equals(object obj) => obj is string text && Equals(this, text);

        // FNV-1a over the characters: equal texts, equal hashes.
        public override int GetHashCode()
        {
            uint hash = 2166136261;
            for (int i = 0; i < _stringLength; i++)
                hash = (hash ^ Runtime.CompilerServices.Unsafe.Add(ref _firstChar, i)) * 16777619;
            return (int)hash;
        }

        // Lets `fixed (char* p = text)` pin the characters.
        public ref readonly char GetPinnableReference() => ref _firstChar;
    }
}
