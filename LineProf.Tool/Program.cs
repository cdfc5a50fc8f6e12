using System.Text;
using LineProf.Tool;
using LineProf.Tool.Output;

// Times are shown in µs; a console left at a legacy code page (Windows) would print '?'.
Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
var paint = Paint.For(!Console.IsOutputRedirected, Environment.GetEnvironmentVariable("NO_COLOR"), Environment.GetEnvironmentVariable("TERM"));
return new LineProfTool(Console.Out, Console.Error, paint).Run(args);
