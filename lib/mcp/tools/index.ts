// Every tool the MCP server offers, in the order the docs list them.
import type { McpTool } from "../tool";
import { createRouteTool, listModelsTool, listRoutesTool } from "./catalog";
import { createCheckoutUrl, getCreditBalance, getUsage, grantCredits } from "./credits";
import { listKeysTool, mintKeyTool, revokeKeyTool, updateKeyTool } from "./keys";
import { listPlansTool, setPlanTool } from "./plans";
import { getSpendingLimitTool, setSpendingLimitTool } from "./spending-limits";
import { createUserTool, getUser, listUsers } from "./users";

export const MCP_TOOLS: readonly McpTool[] = [
  listModelsTool,
  listUsers,
  getUser,
  createUserTool,
  listKeysTool,
  mintKeyTool,
  updateKeyTool,
  revokeKeyTool,
  listPlansTool,
  setPlanTool,
  listRoutesTool,
  createRouteTool,
  getUsage,
  getCreditBalance,
  grantCredits,
  getSpendingLimitTool,
  setSpendingLimitTool,
  createCheckoutUrl,
];
