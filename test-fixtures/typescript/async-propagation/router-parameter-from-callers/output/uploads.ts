// fixture-options: express=5
// `router`'s untyped `server` parameter holds an Express app: every call of
// `Uploads.router` passes one, so its `server.post(...)` registers a handler.
import {Request, Response} from "express";
import { mkdir } from "fs/promises";

export default class Uploads {
	static router(this: void, server: any) {
		server.post("/uploads/:id", Uploads.create);
	}

	static async create(this: void, req: Request, res: Response) {
		await mkdir(`uploads/${req.params.id}`, {recursive: true});
		res.status(201).send("created");
	}
}
