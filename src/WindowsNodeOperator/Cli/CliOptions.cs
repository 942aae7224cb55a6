using System.CommandLine;

namespace WindowsNodeOperator.Cli;

/// <summary>The options <c>report</c> and <c>plan</c> share: where the cluster and the AWS account are, and the output format.</summary>
internal sealed class CliOptions
{
    public Option<string?> Kubeconfig { get; } = new("--kubeconfig")
    {
        Description = "The kubeconfig to use; without it, the first file in KUBECONFIG, else ~/.kube/config (as kubectl).",
    };

    public Option<string?> Context { get; } = new("--context")
    {
        Description = "The kubeconfig context to use; without it, the current context.",
    };

    public Option<string?> Region { get; } = new("--region")
    {
        Description = "The AWS region; without it, AWS_REGION or the profile's region.",
    };

    public Option<string?> Profile { get; } = new("--profile")
    {
        Description = "A profile of the shared AWS config and credentials files; without it, the SDK's default credential chain.",
    };

    public Option<OutputFormat> Output { get; } = new("--output", "-o")
    {
        Description = "table (fits 80 columns), json, markdown or csv.",
        DefaultValueFactory = _ => OutputFormat.Table,
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Kubeconfig);
        command.Options.Add(Context);
        command.Options.Add(Region);
        command.Options.Add(Profile);
        command.Options.Add(Output);
    }
}
