namespace WindowsNodeOperator.Runtime.Controllers;

/// <summary>Everything registered for the controller of <typeparamref name="T"/>: its kind, options and extra watches.</summary>
internal sealed class ControllerRegistration<T>(ResourceType type, ControllerOptions options)
{
    public ResourceType Type { get; } = type;

    public ControllerOptions Options { get; } = options;

    public List<SecondaryWatch> Secondaries { get; } = [];

    /// <summary>When set, a modification of a primary object enqueues its key only if this returns true for the cached copy and the new one.</summary>
    public Func<T?, T, bool>? Changed { get; set; }
}
