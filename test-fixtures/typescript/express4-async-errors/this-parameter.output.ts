// fixture-options: express=4
// TypeScript's `this: void` parameter takes no argument: `req`, `res` and
// `next` are the parameters after it, and the catch calls `next`, never `res`.
import express, {Request, Response, NextFunction} from "express";
import { mkdir, rm } from "fs/promises";

class Uploads {
	static async create(this: void, req: Request, res: Response, next: NextFunction) {
		try {
			await mkdir(`uploads/${req.params.id}`, {recursive: true});
			res.status(201).send("created");
		} catch (err) {
			next(err);
		}
	}

	static async remove(this: void, req: Request, res: Response, next: NextFunction) {
		try {
			if (req.params.id === "..") return next(new Error("bad id"));
			await rm(`uploads/${req.params.id}`, {recursive: true, force: true});
			res.sendStatus(204);
		} catch (err) {
			next(err);
		}
	}
}

export const app = express();
app.post("/uploads/:id", Uploads.create);
app.delete("/uploads/:id", Uploads.remove);
