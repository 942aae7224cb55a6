using WindowsNodeOperator.Runtime.Watching;

namespace WindowsNodeOperator.Runtime.Controllers;

/// <summary>Another kind a controller watches; its changes map to primary keys.</summary>
internal sealed record SecondaryWatch(ResourceType Type, Func<IServiceProvider, Action<ObjectKey>, IResourceWatcher> Create);
