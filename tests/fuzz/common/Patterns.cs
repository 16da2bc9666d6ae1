// Patterns a task writes into memory of its own that nothing should ever touch (the
// bottom of its stack, the unused top of its RAM window) and checks later: a word that
// changed was written by someone else, most likely by the kernel at an attacker's
// stack pointer. Each word's value depends on its address and a salt, so a block
// copied from elsewhere does not match either.
namespace Keel.Fuzz
{
    public static unsafe class Patterns
    {
        private static uint Expected(uint address, uint salt) => Xorshift.Mix(address ^ salt);

        public static void Fill(uint start, uint bytes, uint salt)
        {
            for (uint address = start; address < start + bytes; address += 4)
                *(uint*)address = Expected(address, salt);
        }

        // How many words differ from the pattern; puts the pattern back, so that each
        // intrusion is counted once.
        public static uint Repair(uint start, uint bytes, uint salt)
        {
            uint wrong = 0;
            for (uint address = start; address < start + bytes; address += 4)
            {
                if (*(uint*)address == Expected(address, salt))
                    continue;
                wrong++;
                *(uint*)address = Expected(address, salt);
            }
            return wrong;
        }
    }
}
