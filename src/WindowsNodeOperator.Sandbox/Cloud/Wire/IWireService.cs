namespace WindowsNodeOperator.Sandbox.Cloud.Wire;

/// <summary>One AWS service on the wire: its operations, and its protocol's way of answering an error.</summary>
internal interface IWireService
{
    /// <summary>Serves one request; a <see cref="Faults.SimulatedAwsException"/> it throws goes out through <see cref="Error"/>.</summary>
    WireResponse Handle(WireRequest request);

    WireResponse Error(string code, int statusCode, string message);

    /// <summary>What the service answers a request that carries no signature at all.</summary>
    WireResponse MissingAuthentication();
}
