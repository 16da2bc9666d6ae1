// What the devices need of System.Math, which Keel's core library does not have.
namespace Keel.Devices
{
    internal static class Numbers
    {
        public static int Min(int a, int b) => a < b ? a : b;
    }
}
