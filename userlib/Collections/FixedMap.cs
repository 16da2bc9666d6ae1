// A map of at most Capacity keys held in the map itself (an inline array of entries,
// TEntries: Items16<MapEntry<TKey, TValue>> and the like), for what a small
// Dictionary<TKey, TValue> does in firmware: a setting per channel, a count per client.
// Lookups compare keys one by one (by their bytes: numbers, enums, structs without
// padding), which for the few dozen keys it holds is as fast as hashing and needs no
// table. Setting a new key in a full map is refused; removing moves the last entry into
// the gap, so the order of entries is not kept.
//
//     static FixedMap<uint, float, Items8<MapEntry<uint, float>>> s_setpoints;
//     s_setpoints.TrySet(channel, 21.5f);
//     if (s_setpoints.TryGetValue(channel, out float setpoint)) …
using System;

namespace Keel.UserLib.Collections
{
    public struct MapEntry<TKey, TValue> where TKey : unmanaged where TValue : unmanaged
    {
        public TKey Key;
        public TValue Value;
    }

    public struct FixedMap<TKey, TValue, TEntries> where TKey : unmanaged where TValue : unmanaged where TEntries : struct
    {
        private TEntries _entries;
        private int _count;

        public static int Capacity => Storage.Capacity<MapEntry<TKey, TValue>, TEntries>();

        public readonly int Count => _count;

        // The entries, in no particular order; a span over the map where it lies.
        public Span<MapEntry<TKey, TValue>> AsSpan() => Storage.Span<MapEntry<TKey, TValue>, TEntries>(ref _entries, _count);

        // Sets the key's value, adding the key if it is new; false (and nothing changed)
        // when the key is new and the map is full.
        public bool TrySet(TKey key, TValue value)
        {
            int index = IndexOf(key);
            if (index < 0)
            {
                if (_count == Capacity)
                    return false;
                index = _count++;
                AsSpan()[index].Key = key;
            }
            AsSpan()[index].Value = value;
            return true;
        }

        public bool TryGetValue(TKey key, out TValue value)
        {
            int index = IndexOf(key);
            value = index < 0 ? default : AsSpan()[index].Value;
            return index >= 0;
        }

        public bool ContainsKey(TKey key) => IndexOf(key) >= 0;

        public bool Remove(TKey key)
        {
            int index = IndexOf(key);
            if (index < 0)
                return false;
            Span<MapEntry<TKey, TValue>> entries = AsSpan();
            entries[index] = entries[_count - 1];
            _count--;
            return true;
        }

        public void Clear() => _count = 0;

        private int IndexOf(TKey key)
        {
            Span<MapEntry<TKey, TValue>> entries = AsSpan();
            for (int i = 0; i < entries.Length; i++)
            {
                if (Storage.SameBytes(entries[i].Key, key))
                    return i;
            }
            return -1;
        }
    }
}
