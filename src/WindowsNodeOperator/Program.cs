using WindowsNodeOperator.Hosting;

return await OperatorCli.Create().Parse(args).InvokeAsync().ConfigureAwait(false);
