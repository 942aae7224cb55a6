namespace WindowsNodeOperator.Hosting.Endpoints;

/// <summary>The closed <c>IResourceCache&lt;T&gt;</c> types registered, collected when the host is built.</summary>
internal sealed record CacheTypes(IReadOnlyList<Type> Types);
