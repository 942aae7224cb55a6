using WindowsNodeOperator.Api;
using WindowsNodeOperator.Runtime;
using WindowsNodeOperator.Runtime.Watching;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>
/// The keys of every policy, for watches of other kinds whose changes concern all policies (a node joining or leaving).
/// Bound to the policy cache by the first reconciler; before that no policy has been looked at, so none needs waking.
/// </summary>
internal sealed class PolicyKeyIndex
{
    private IResourceCache<WindowsNodePolicy>? _policies;

    public void Bind(IResourceCache<WindowsNodePolicy> policies) => _policies ??= policies;

    public IEnumerable<ObjectKey> All() =>
        _policies?.List().Select(p => new ObjectKey(null, p.Metadata.Name)).ToList() ?? [];
}
