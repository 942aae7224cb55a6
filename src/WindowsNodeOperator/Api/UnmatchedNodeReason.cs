using System.Text.Json.Serialization;

namespace WindowsNodeOperator.Api;

/// <summary>Why a selected node matches no EC2 instance.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UnmatchedNodeReason>))]
public enum UnmatchedNodeReason
{
    /// <summary>The node has no <c>spec.providerID</c>: the cloud provider has not initialized it, or it is no cloud's.</summary>
    NoProviderID,

    /// <summary>Its providerID is not an EC2 instance's (<c>aws:///zone/i-...</c>): another cloud's, or malformed.</summary>
    NotAnEC2Instance,

    /// <summary>Its providerID names an instance EC2 does not have, in any state.</summary>
    InstanceNotFound,
}
