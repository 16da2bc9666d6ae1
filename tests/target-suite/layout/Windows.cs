// The RAM, stack and flash windows of every task of the suite, by task index (driver
// 0, workers 1..4), from the generated Layout. Compiled into every task of the suite
// (the driver digests the workers' windows, the workers aim at them), and not into
// the host-side harness, which has no Layout.
using Keel.Tasks;

namespace Keel.Suite
{
    // The memory windows of every task, by task index (driver 0, workers 1..4).
    public static class Windows
    {
        public const int TaskCount = Workers.Count + 1;

        public static uint RamBase(int task) => task switch
        {
            Layout.DriverIndex => Layout.DriverRamBase,
            Layout.AlphaIndex => Layout.AlphaRamBase,
            Layout.BetaIndex => Layout.BetaRamBase,
            Layout.GammaIndex => Layout.GammaRamBase,
            _ => Layout.DeltaRamBase,
        };

        public static uint RamSize(int task) => task switch
        {
            Layout.DriverIndex => Layout.DriverRamSize,
            Layout.AlphaIndex => Layout.AlphaRamSize,
            Layout.BetaIndex => Layout.BetaRamSize,
            Layout.GammaIndex => Layout.GammaRamSize,
            _ => Layout.DeltaRamSize,
        };

        public static uint StackSize(int task) => task switch
        {
            Layout.DriverIndex => Layout.DriverStackSize,
            Layout.AlphaIndex => Layout.AlphaStackSize,
            Layout.BetaIndex => Layout.BetaStackSize,
            Layout.GammaIndex => Layout.GammaStackSize,
            _ => Layout.DeltaStackSize,
        };

        public static uint FlashBase(int task) => task switch
        {
            Layout.DriverIndex => Layout.DriverFlashBase,
            Layout.AlphaIndex => Layout.AlphaFlashBase,
            Layout.BetaIndex => Layout.BetaFlashBase,
            Layout.GammaIndex => Layout.GammaFlashBase,
            _ => Layout.DeltaFlashBase,
        };
    }
}
