using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using Keel.Runtime;
using Keel.UserLib.Collections;
using Xunit;

namespace Keel.UserLib.Tests;

// userlib's fixed-capacity collections (userlib/Collections) against .NET's own: random
// sequences of operations applied to both, the same answers and contents after every
// step, within the fixed capacity; and the capacity's edge.
public class CollectionTests
{
    private enum Op { Add, RemoveAt, Remove, Set, Clear }

    [Fact]
    public void AFixedListDoesWhatAListDoesWithinItsCapacity()
    {
        Gen.Select(Gen.Enum<Op>(), Gen.Int[0, 20], Gen.Int[0, 9]).Array[0, 200].Sample(ops =>
        {
            var ours = new FixedList<int, Items8<int>>();
            var theirs = new List<int>();
            foreach ((Op op, int index, int value) in ops)
            {
                switch (op)
                {
                    case Op.Add:
                        Assert.Equal(theirs.Count < 8, ours.TryAdd(value));
                        if (theirs.Count < 8)
                            theirs.Add(value);
                        break;
                    case Op.RemoveAt when index < theirs.Count:
                        ours.RemoveAt(index);
                        theirs.RemoveAt(index);
                        break;
                    case Op.Remove:
                        Assert.Equal(theirs.Remove(value), ours.Remove(value));
                        break;
                    case Op.Set when index < theirs.Count:
                        ours[index] = value;
                        theirs[index] = value;
                        break;
                    case Op.Clear:
                        ours.Clear();
                        theirs.Clear();
                        break;
                }
                Assert.Equal(theirs, ours.AsSpan().ToArray());
                Assert.Equal(theirs.Count, ours.Count);
                Assert.Equal(theirs.Count == 8, ours.IsFull);
                Assert.Equal(theirs.IndexOf(value), ours.IndexOf(value));
            }
        });
    }

    // Built where each check runs (the stack), because a collection's span points at the
    // collection where it lies, and a lambda's captured local lies in a movable object.
    private static FixedList<long, Items4<long>> Full()
    {
        var list = new FixedList<long, Items4<long>>();
        for (int i = 0; i < 4; i++)
            list.Add(i);
        return list;
    }

    [Fact]
    public void AFullListRefusesAndAnIndexPastTheEndPanics()
    {
        Assert.Equal(4, FixedList<long, Items4<long>>.Capacity);
        var list = Full();
        Assert.False(list.TryAdd(4));
        Assert.Equal("FixedList is full", Assert.Throws<PanicException>(() => { var l = Full(); l.Add(4); }).Message);
        Assert.Throws<IndexOutOfRangeException>(() => { var l = Full(); return l[4]; });
        Assert.Equal("index out of range", Assert.Throws<PanicException>(() => { var l = Full(); l.RemoveAt(4); }).Message);
    }

    private enum QueueOp { Enqueue, Overwrite, Dequeue, Peek, Clear }

    [Fact]
    public void ARingBufferDoesWhatAQueueDoesWithinItsCapacity()
    {
        Gen.Select(Gen.Enum<QueueOp>(), Gen.Byte).Array[0, 300].Sample(ops =>
        {
            var ours = new RingBuffer<byte, Items4<byte>>();
            var theirs = new Queue<byte>();
            foreach ((QueueOp op, byte value) in ops)
            {
                switch (op)
                {
                    case QueueOp.Enqueue:
                        Assert.Equal(theirs.Count < 4, ours.TryEnqueue(value));
                        if (theirs.Count < 4)
                            theirs.Enqueue(value);
                        break;
                    case QueueOp.Overwrite:
                        ours.EnqueueOverwritingOldest(value);
                        if (theirs.Count == 4)
                            theirs.Dequeue();
                        theirs.Enqueue(value);
                        break;
                    case QueueOp.Dequeue:
                        Assert.Equal(theirs.TryDequeue(out byte expected), ours.TryDequeue(out byte actual));
                        Assert.Equal(expected, actual);
                        break;
                    case QueueOp.Peek:
                        Assert.Equal(theirs.TryPeek(out expected), ours.TryPeek(out actual));
                        Assert.Equal(expected, actual);
                        break;
                    case QueueOp.Clear:
                        ours.Clear();
                        theirs.Clear();
                        break;
                }
                Assert.Equal(theirs.Count, ours.Count);
                Assert.Equal(theirs.ToArray(), Enumerable.Range(0, ours.Count).Select(i => ours[i]).ToArray());
            }
        });
    }

    private struct Channel
    {
        public ushort Bus;
        public ushort Pin;
    }

    private enum MapOp { Set, Get, Remove, Clear }

    [Fact]
    public void AFixedMapDoesWhatADictionaryDoesWithinItsCapacity()
    {
        Gen.Select(Gen.Enum<MapOp>(), Gen.UShort[0, 12], Gen.Float).Array[0, 300].Sample(ops =>
        {
            var ours = new FixedMap<Channel, float, Items8<MapEntry<Channel, float>>>();
            var theirs = new Dictionary<Channel, float>();
            foreach ((MapOp op, ushort pin, float value) in ops)
            {
                var key = new Channel { Bus = 1, Pin = pin };
                switch (op)
                {
                    case MapOp.Set:
                        bool room = theirs.ContainsKey(key) || theirs.Count < 8;
                        Assert.Equal(room, ours.TrySet(key, value));
                        if (room)
                            theirs[key] = value;
                        break;
                    case MapOp.Get:
                        Assert.Equal(theirs.TryGetValue(key, out float expected), ours.TryGetValue(key, out float actual));
                        Assert.Equal(expected, actual);
                        Assert.Equal(theirs.ContainsKey(key), ours.ContainsKey(key));
                        break;
                    case MapOp.Remove:
                        Assert.Equal(theirs.Remove(key), ours.Remove(key));
                        break;
                    case MapOp.Clear:
                        ours.Clear();
                        theirs.Clear();
                        break;
                }
                Assert.Equal(theirs.Count, ours.Count);
                Assert.Equal(theirs.OrderBy(e => e.Key.Pin).Select(e => (e.Key.Pin, e.Value)),
                    ours.AsSpan().ToArray().OrderBy(e => e.Key.Pin).Select(e => (e.Key.Pin, e.Value)));
            }
        });
    }
}
