// Start-up of "GC statics": the static fields ILC keeps in a heap object because
// they are, or contain, object references (a static `KernelState`, a static array).
//
// ILC pre-initialises those fields at compile time (-O) and records, per type, a
// block in the module's GC static region: a tagged relative pointer to the type's
// MethodTable (tag bits Uninitialized | HasPreInitializedData) followed by a
// relative pointer to the pre-initialised field data. Code reaches the fields
// through the block's first word, which the runtime must replace with the address
// of the statics object before any of them is read.
//
// A runtime with a heap allocates that object and copies the data into it. Keel has
// no heap, so the pre-initialised data itself becomes the object: it lies in the
// image's RAM (.data) and is laid out exactly as the object's fields, so the object
// "starts" one word before it, where the MethodTable pointer would be. Nothing
// reads that word: there is no GC to walk the object and firmware has no casts.
//
// Every image (the kernel and each task) runs this once at start, before its own
// C# entry point; a restarted task gets its .data back from flash, so the tags
// are there again and it runs again.
using System.Runtime;

namespace Keel.Runtime
{
    internal static unsafe class Statics
    {
        // ReadyToRunSectionType.GCStaticRegion in ILC's module header.
        private const int GCStaticRegionSectionId = 201;

        private const nint Uninitialized = 0x1;
        private const nint HasPreInitializedData = 0x2;

        private struct ModuleHeader
        {
            public uint Signature;
            public ushort MajorVersion;
            public ushort MinorVersion;
            public uint Flags;
            public ushort NumberOfSections;
            public byte EntrySize;
            public byte EntryType;
        }

        private struct ModuleSection
        {
            public int SectionId;
            public int Flags;
            public byte* Start;
            public byte* End;
        }

        // ILC's "RTR\0" signature of a module header.
        private const uint ModuleHeaderSignature = 0x00525452;

        [RuntimeExport("keel_initialise_statics")]
        private static void Initialise(ModuleHeader* header)
        {
            if (header->Signature != ModuleHeaderSignature)
                Panic.Fail("module header signature");
            byte* row = (byte*)(header + 1);
            for (int i = 0; i < header->NumberOfSections; i++, row += header->EntrySize)
            {
                var section = (ModuleSection*)row;
                if (section->SectionId == GCStaticRegionSectionId)
                    InitialiseRegion((int*)section->Start, (int*)section->End);
            }
        }

        private static void InitialiseRegion(int* start, int* end)
        {
            for (int* entry = start; entry < end; entry++)
            {
                nint* block = (nint*)ReadRelative(entry);
                nint tagged = (nint)ReadRelative((int*)block);
                if ((tagged & Uninitialized) == 0)
                    continue;
                if ((tagged & HasPreInitializedData) == 0)
                    Panic.Fail("static fields without pre-initialised data (a static constructor ILC could not run at build time)");
                byte* fields = ReadRelative((int*)block + 1);
                *block = (nint)(fields - sizeof(nint));
            }
        }

        private static byte* ReadRelative(int* location) => (byte*)location + *location;
    }
}
