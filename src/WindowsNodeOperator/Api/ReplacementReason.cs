using System.Text.Json.Serialization;

namespace WindowsNodeOperator.Api;

/// <summary>Why a node is due for replacement.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReplacementReason>))]
public enum ReplacementReason
{
    /// <summary>Older than the policy's maxNodeAge.</summary>
    Expired,

    /// <summary>Not running the policy's target AMI.</summary>
    Drifted,

    /// <summary>NotReady for longer than the policy's disruption.notReadyReplaceAfter.</summary>
    NotReady,
}
