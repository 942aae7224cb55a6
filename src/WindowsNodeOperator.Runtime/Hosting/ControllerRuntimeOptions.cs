namespace WindowsNodeOperator.Runtime.Hosting;

/// <summary>How this controller names itself in events and in managed fields.</summary>
public sealed class ControllerRuntimeOptions
{
    /// <summary>The <c>reportingController</c> of events, e.g. <c>example.com/my-operator</c>.</summary>
    public string ReportingController { get; set; } = "controller-runtime";

    /// <summary>The <c>reportingInstance</c> of events; defaults to the POD_NAME variable, else the host name.</summary>
    public string ReportingInstance { get; set; } = Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } pod ? pod : Environment.MachineName;

    /// <summary>The field manager of status writes; defaults to <see cref="ReportingController"/>.</summary>
    public string? FieldManager { get; set; }
}
