import express from "express";
import Uploads from "./uploads";

export function createApp() {
	const app = express();
	Uploads.router(app);
	return app;
}
