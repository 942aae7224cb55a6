using System.Net;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using WindowsNodeOperator.Aws.AutoScaling.Errors;
using WindowsNodeOperator.Sandbox.Cloud.Faults;

namespace WindowsNodeOperator.Sandbox.Hosting.SimulatedAws;

/// <summary>
/// Runs a simulated call and turns its error answer into the exception the real client would throw, with the same
/// ErrorCode, StatusCode and ErrorType, so <c>AwsErrorClassifier</c> reads it exactly as a real one.
/// A simulated timeout is already a <see cref="TimeoutException"/> and passes through unchanged.
/// </summary>
internal static class SimulatedAwsErrors
{
    public static Task<T> RunAsync<T>(Func<T> call, Func<SimulatedAwsException, AmazonServiceException> map, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(ct);
        }

        try
        {
            return Task.FromResult(call());
        }
        catch (SimulatedAwsException e)
        {
            return Task.FromException<T>(map(e));
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }

    public static AmazonServiceException Ec2(SimulatedAwsException e) =>
        new AmazonEC2Exception(e.Message, e, TypeOf(e), e.ErrorCode, RequestId(), (HttpStatusCode)e.StatusCode);

    public static AmazonServiceException Ssm(SimulatedAwsException e) =>
        new AmazonSimpleSystemsManagementException(e.Message, e, TypeOf(e), e.ErrorCode, RequestId(), (HttpStatusCode)e.StatusCode);

    /// <summary>The typed exceptions of our Auto Scaling client (InstanceRefreshInProgressException included).</summary>
    public static AmazonServiceException AutoScaling(SimulatedAwsException e) =>
        AutoScalingErrors.Create(e.ErrorCode, e.Message, TypeOf(e), RequestId(), (HttpStatusCode)e.StatusCode);

    private static ErrorType TypeOf(SimulatedAwsException e) => e.StatusCode >= 500 ? ErrorType.Receiver : ErrorType.Sender;

    private static string RequestId() => Guid.NewGuid().ToString();
}
