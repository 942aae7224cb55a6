namespace WindowsNodeOperator.Sandbox.Cloud.Engine;

/// <summary>A launch a lifecycle action abandoned: the instance, the activity's status message, and when.</summary>
internal sealed record AbandonedLaunch(string InstanceId, string Message, DateTimeOffset At);
