using System.Text.Json.Serialization;

namespace WindowsNodeOperator.Api;

/// <summary>What to do when a node has not drained within <see cref="DrainSpec.Timeout"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DrainTimeoutAction>))]
public enum DrainTimeoutAction
{
    /// <summary>Keep waiting (and keep the lifecycle hook alive) until the remaining pods can be evicted.</summary>
    Wait,

    /// <summary>Let the instance terminate with the remaining pods still on it.</summary>
    Force,
}
