// `{value,alignment}`: the spaces before (alignment > 0, right-aligned) or after
// (alignment < 0, left-aligned) a hole's text of `length` characters; none when the
// text is as wide or wider. Shared by both interpolated-string handlers.
namespace Keel.UserLib.Text
{
    public static class Alignment
    {
        public static void Padding(int alignment, int length, out int before, out int after)
        {
            int width = alignment < 0 ? -alignment : alignment;
            int spaces = width > length ? width - length : 0;
            before = alignment > 0 ? spaces : 0;
            after = alignment < 0 ? spaces : 0;
        }
    }
}
