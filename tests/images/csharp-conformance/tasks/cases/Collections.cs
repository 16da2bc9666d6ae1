// Collections without a heap: userlib's fixed-capacity collections, held inside the
// value (a local here), where .NET code would reach for List, Queue and Dictionary.
using Keel.UserLib.Collections;
using Keel.UserLib.Testing;

namespace Conformance
{
    public static class Collections
    {
        [TestCase("FixedList, RingBuffer and FixedMap (userlib) in place of List, Queue and Dictionary")]
        public static void FixedCapacityCollections(ref Check check)
        {
            FixedList<int, Items4<int>> list = default;
            for (int i = 0; i < 5; i++)
                list.TryAdd(Opaque.Int(i * 10));
            check.Equal(4, list.Count, "a full list takes no fifth item");
            list.RemoveAt(Opaque.Int(1));
            check.Equal(20, list[1], "RemoveAt keeps the order");

            RingBuffer<int, Items4<int>> ring = default;
            for (int i = 1; i <= 6; i++)
                ring.EnqueueOverwritingOldest(Opaque.Int(i));
            check.True(ring.TryDequeue(out int oldest), "dequeue");
            check.Equal(3, oldest, "the two oldest were overwritten");

            FixedMap<uint, int, Items4<MapEntry<uint, int>>> map = default;
            check.True(map.TrySet(7u, Opaque.Int(70)) && map.TrySet(7u, 71), "set, then set again");
            check.True(map.TryGetValue(7u, out int value), "get");
            check.Equal(71, value, "the last value set");
            check.Equal(1, map.Count, "one key");
        }
    }
}
