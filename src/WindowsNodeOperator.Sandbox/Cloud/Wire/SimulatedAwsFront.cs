using WindowsNodeOperator.Sandbox.Cloud.Faults;

namespace WindowsNodeOperator.Sandbox.Cloud.Wire;

/// <summary>
/// The one core behind the server and the in-memory handler: picks the service from the SigV4 credential scope
/// (<c>ec2</c>, <c>autoscaling</c>, <c>ssm</c>), runs the request, and writes any error in that service's protocol.
/// A simulated timeout (the call took effect, its answer is lost) or reset comes back as a dropped connection, a call
/// with no answer as silence. A successful answer of an operation with an <see cref="AnswerFault"/> on leaves spoiled.
/// </summary>
internal sealed class SimulatedAwsFront
{
    private readonly Ec2Service _ec2;
    private readonly AutoScalingService _autoScaling;
    private readonly SsmService _ssm;
    private readonly FaultInjector _faults;

    public SimulatedAwsFront(SimulatedCloud cloud)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        _ec2 = new Ec2Service(cloud);
        _autoScaling = new AutoScalingService(cloud);
        _ssm = new SsmService(cloud);
        _faults = cloud.Faults;
    }

    public WireResponse Handle(WireRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = request.Header("Authorization");
        if (authorization is null)
        {
            return Guess(request).MissingAuthentication();
        }

        if (CredentialScope.Parse(authorization) is not { } scope)
        {
            return Guess(request).Error(
                "IncompleteSignature", 400, "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters, with a credential scope of the form KEY/DATE/REGION/SERVICE/aws4_request.");
        }

        IWireService? service = scope.Service switch
        {
            "ec2" => _ec2,
            "autoscaling" => _autoScaling,
            "ssm" => _ssm,
            _ => null,
        };
        if (service is null)
        {
            return Guess(request).Error("SignatureDoesNotMatch", 403, $"Credential should be scoped to a valid service: '{scope.Service}' is not served here.");
        }

        try
        {
            return Spoiled(scope.Service, request, service.Handle(request));
        }
        catch (SimulatedAwsException e)
        {
            return service.Error(e.ErrorCode, e.StatusCode, e.Message);
        }
        catch (SimulatedTimeoutException e)
        {
            return e.Unanswered ? WireResponse.Silence() : WireResponse.Drop();
        }
        catch (SimulatedConnectionResetException)
        {
            return WireResponse.Drop();
        }
    }

    private WireResponse Spoiled(string service, WireRequest request, WireResponse answer)
    {
        if (answer.StatusCode != 200 || answer.Dropped || answer.Unanswered)
        {
            return answer;
        }

        var action = service == "ssm"
            ? request.Header("X-Amz-Target")?.Split('.').Last()
            : QueryForm.Read(request, service == "ec2" ? QueryFlavor.Ec2 : QueryFlavor.Query).Get("Action");
        var operation = $"{service}:{action}";
        if (action is null || _faults.AnswerFaultFor(operation) is not { } fault || AnswerRewriter.Apply(answer, fault) is not { } spoiled)
        {
            return answer;
        }

        _faults.RecordSpoiled(operation);
        return spoiled;
    }

    // Without a credential scope, the request's own shape tells which protocol to answer in.
    private IWireService Guess(WireRequest request)
    {
        if (request.Header("X-Amz-Target") is not null)
        {
            return _ssm;
        }

        return QueryForm.Read(request, QueryFlavor.Query).Get("Version") == Ec2Protocol.ApiVersion ? _ec2 : _autoScaling;
    }
}
