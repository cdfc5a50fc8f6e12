using System.Text;
using LineProf.Tool;

// Times are shown in µs; a console left at a legacy code page (Windows) would print '?'.
Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
return new LineProfTool(Console.Out, Console.Error).Run(args);
