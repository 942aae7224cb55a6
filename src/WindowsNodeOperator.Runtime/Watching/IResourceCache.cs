using System.Diagnostics.CodeAnalysis;

namespace WindowsNodeOperator.Runtime.Watching;

/// <summary>The watcher's in-memory copy of every object of one kind, as last seen by list and watch.</summary>
public interface IResourceCache<T>
{
    /// <summary>Whether the first full list has been loaded.</summary>
    bool IsSynced { get; }

    bool TryGet(ObjectKey key, [MaybeNullWhen(false)] out T value);

    IReadOnlyList<T> List();
}
