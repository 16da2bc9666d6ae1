// Runs once the sensor (at a higher priority) has stopped, and ends the run.
using System.Runtime.InteropServices;
using Keel.UserLib;

namespace Keel.Tests.TaskStackOverflow
{
    public static class Program
    {
        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            Console.WriteLine("the sensor has stopped");
            Task.Halt(0);
        }
    }
}
