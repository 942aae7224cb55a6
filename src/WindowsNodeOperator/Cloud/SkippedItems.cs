using System.Collections.Concurrent;

namespace WindowsNodeOperator.Cloud;

/// <summary>
/// The items the adapters skipped during one look. The ports return what can be used; what could not is told here, beside
/// the answer, so no port changes shape for it: a look opens a collection with <see cref="Collect"/>, and every adapter
/// call awaited under it (the same async flow) adds to it. Outside a collection a report goes nowhere.
/// </summary>
internal sealed class SkippedItems
{
    private static readonly AsyncLocal<SkippedItems?> Current = new();

    private readonly ConcurrentQueue<SkippedItem> _items = new();

    /// <summary>The items reported so far in this collection, each once.</summary>
    public IReadOnlyList<SkippedItem> Items => [.. _items.Distinct()];

    /// <summary>Starts collecting for the calling async flow and what it awaits.</summary>
    public static SkippedItems Collect()
    {
        var collection = new SkippedItems();
        Current.Value = collection;
        return collection;
    }

    public static void Report(SkippedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        Current.Value?._items.Enqueue(item);
    }
}
